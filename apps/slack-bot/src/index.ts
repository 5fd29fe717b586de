export { parseBotConfig, type BotConfig, type BotConfigResult } from './config/bot-config.js';
export { createBotApp, eventsPath, type BotApp, type BotStarted } from './create-bot-app.js';
export type { BotDeps } from './deps.js';
export { luccaReminderLoader } from './pending/lucca-reminders.js';
