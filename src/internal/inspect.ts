/** The key Node's util.inspect looks up for a custom representation (a registered symbol: no node:util import). */
export const INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;
