/** Standard output of the commands that print to a terminal or a pipe (`npm run ask`, the console). */

/**
 * Ends the process quietly when a reader stops early (`| head`) and closes standard output: the
 * replies are no longer wanted, and that is no error to report. Any other output error is.
 */
export function endOnClosedOutput(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
