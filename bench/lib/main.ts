// The frame every benchmark runs in: clean-up whatever happens, the failing server's last output
// on an error, exit status 0 on PASS and 1 on FAIL or error.
import { cleanUp, wasInterrupted } from "./cleanup";
import { ServerError } from "./servers";

export async function main(benchmark: () => Promise<boolean>) {
  let code = 1;
  try {
    code = (await benchmark()) ? 0 : 1;
  } catch (error) {
    // On Ctrl-C the load generator, in the terminal's process group, may fail a moment before
    // this process sees its own SIGINT.
    await new Promise((r) => setTimeout(r, 100));
    if (wasInterrupted()) {
      // The signal handler is already cleaning up and exits with the signal's status.
    } else if (error instanceof ServerError) {
      console.error(`\n${error.message}\n--- last output of ${error.server.name} ---`);
      console.error(error.server.output().trimEnd() || "(nothing)");
      console.error("---");
    } else {
      console.error(error);
    }
  } finally {
    await cleanUp();
  }
  process.exit(code);
}
