/**
 * A macrotask turn: `setImmediate` where it exists (Node), else a `MessageChannel` message
 * (browsers; unlike `setTimeout(0)` it is not clamped to 4 ms), else `setTimeout`.
 */
export function yieldToEventLoop(): Promise<void> {
  const scope = globalThis as {
    setImmediate?: (callback: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  return new Promise((resolve) => {
    if (scope.setImmediate) {
      scope.setImmediate(resolve);
    } else if (scope.MessageChannel) {
      const channel = new scope.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}
