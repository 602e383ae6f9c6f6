// Preloaded into the bot process by the load test (node --require): on SIGUSR2 it collects
// garbage (when started with --expose-gc) and writes one line with process.memoryUsage() to
// stderr, so the server's memory is measured from inside its own process, not the load generator's.
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  process.stderr.write(`LOAD_MEMORY ${JSON.stringify(process.memoryUsage())}\n`);
});
