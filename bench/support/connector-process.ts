/**
 * The local Bot Connector in a process of its own, for the HTTP bench: so that neither the bot
 * nor the load generator shares a process (or an event loop) with it. Prints `CONNECTOR <url>`
 * when listening; on SIGUSR2 prints `CONNECTOR_COUNTS {"messages":n,"typing":n}` of the calls
 * since the last report and forgets them (the calls hold whole cards); SIGTERM stops it.
 */
import { ConnectorServer } from '../../test/support/connector-server';

const connector = await ConnectorServer.start();
process.on('SIGUSR2', () => {
  const activities = connector.activities();
  const typing = activities.filter((a) => a.type === 'typing').length;
  process.stdout.write(
    `CONNECTOR_COUNTS ${JSON.stringify({ messages: activities.length - typing, typing, calls: connector.calls.length })}\n`,
  );
  connector.reset();
});
process.on('SIGTERM', () => {
  void connector.close().then(() => process.exit(0));
});
process.stdout.write(`CONNECTOR ${connector.url}\n`);
