/**
 * The baseline of the start-up and HTTP benches: a bare restify + botbuilder bot from the same
 * node_modules, as the Bot Framework samples write one (EchoBot: CloudAdapter, restify's body
 * parser, an ActivityHandler that answers each message with a text), plus GET /healthz. Plain
 * JavaScript, run with plain node, as the bot's own dist/ is.
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
} from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => {
  process.stderr.write(`turn failed: ${error.message}\n`);
};

const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text}`));
  await next();
});

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  return next();
});
server.listen(Number(process.env.PORT ?? 3978), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
