export { optionalText, todayIn } from './parsers.js';
export {
  botShape,
  goLiveMarkdown,
  isSet,
  labelConflicts,
  nightlyNames,
  orphansOf,
  planOptionsFromEnv,
  runnerShape,
  secretsOf,
  unescapeKey,
  variablesHelp,
  variablesMarkdown,
} from './variables.js';
