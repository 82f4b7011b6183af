/** Work the code under test handed to Next's after(); see the mock in setup.ts. */
export const afterTasks: (Promise<unknown> | (() => unknown))[] = [];

/** Runs (or awaits) everything scheduled with after() so far, as Next does once it has answered. */
export async function runAfterTasks() {
  while (afterTasks.length) {
    const task = afterTasks.shift()!;
    await (typeof task === "function" ? task() : task);
  }
}
