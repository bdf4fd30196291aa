/**
 * Runs the types step on a second thread. openapi-typescript is the slowest
 * step by far (seconds on a large spec), and nothing else depends on its
 * output, so collect and emit run beside it on the main thread.
 */
import { Worker } from "node:worker_threads";
import { PipelineError } from "./errors.js";

/**
 * A worker thread that generates types, reused for every API of a run. It
 * starts loading openapi-typescript as soon as it is constructed, while the
 * main thread loads and bundles the spec.
 */
export class TypesThread {
  private worker: Worker | undefined = this.start();
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();

  /** The types of the bundled document `json` (see generateTypes). */
  generate(json: string, file: string): Promise<string> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref(); // keeps the process alive while an answer is due
      worker.postMessage({ id, json, file });
    });
  }

  /** Stops the thread (pending requests fail). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    // The thread has no TypeScript loader of its own: register tsx's, then load the step's module.
    const module = new URL("../steps/types.ts", import.meta.url).href; // the source file, also when bundled (generate-cli.mjs)
    const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); }).then((m) => m.serveTypes());`;
    const worker = new Worker(bootstrap, { eval: true });
    worker.unref(); // an idle thread never keeps the process alive
    worker.on(
      "message",
      ({ id, text, error }: { id: number; text?: string; error?: { message: string; file?: string; where?: string } }) => {
        const waiter = this.waiting.get(id);
        this.waiting.delete(id);
        if (!waiter) return;
        if (this.waiting.size === 0) this.worker?.unref();
        if (error) waiter.reject(new PipelineError("types", error.message, error.file, error.where));
        else waiter.resolve(text!);
      },
    );
    worker.on("error", (error) => this.failAll(new PipelineError("types", `the types thread failed: ${error.message}`)));
    worker.on("exit", () => {
      this.worker = undefined;
      this.failAll(new PipelineError("types", "the types thread stopped"));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
