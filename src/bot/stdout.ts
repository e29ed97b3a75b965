/** Standard output of the commands that print to a terminal or a pipe (`npm run ask`, the console). */

/**
 * Ends the process quietly when a reader stops early (`| head`) and closes standard output or
 * error: the replies are no longer wanted, and that is no error to report. Any other output error
 * is.
 */
export function endOnClosedOutput(): void {
  // Standard error too: `npm run ask -- … 2>&1 | head` closes both at once.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
}

/**
 * Keeps a running bot up when what reads its log goes away (`npm start 2>&1 | tee bot.log` in an
 * SSH session that ends): writing to the closed pipe fails, and an error on standard error with
 * no one listening would end the process. The lines are dropped: there is nowhere to write them.
 */
export function keepRunningWithoutLog(): void {
  process.stderr.on('error', () => {});
}
