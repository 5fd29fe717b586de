export { makeReminder, makeReminders, makeReport } from '@sync360/testkit/report-fixtures';
