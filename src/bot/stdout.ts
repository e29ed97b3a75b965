/** Standard output of the commands that print to a terminal or a pipe (`npm run ask`, the console). */

/**
 * Ends the process quietly when a reader stops early (`| head`) and closes standard output or
 * error: the replies are no longer wanted, and that is no error to report. Any other error of
 * standard output is; one of standard error has nowhere to be reported.
 */
export function endOnClosedOutput(): void {
  const closed = (error: NodeJS.ErrnoException) => error.code === 'EPIPE' && process.exit(0);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    closed(error);
    throw error;
  });
  // Standard error too: `npm run ask -- … 2>&1 | head` closes both at once.
  process.stderr.on('error', closed);
}

/**
 * Keeps a running bot up when what reads its log goes away (`npm start 2>&1 | tee bot.log` in an
 * SSH session that ends): writing to the closed pipe fails, and an error on standard error with
 * no one listening would end the process. The lines are dropped: there is nowhere to write them.
 */
export function keepRunningWithoutLog(): void {
  process.stderr.on('error', () => {});
}
