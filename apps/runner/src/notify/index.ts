export {
  notifyRemindersToSlack,
  notifyRunFailureToSlack,
  notifyRunToSlack,
  notifyWatchdogToSlack,
  type SlackNotifySettings,
} from './slack-notify.js';
