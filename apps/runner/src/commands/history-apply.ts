import type {
  CatalogueTraining,
  HistoryItem,
  HistoryWarning,
  RealizedTraining,
} from '@sync360/core';
import type { LuccaTrainingClient } from '@sync360/lucca';
import type { HistoryProgress } from '../report/history-report.js';

const key = (ownerId: string | number, trainingId: number, endsOn: string): string =>
  `${String(ownerId)}|${String(trainingId)}|${endsOn}`;

const titleKey = (title: string): string => title.trim().toLowerCase();

const rejected = (what: string, status: number, item: HistoryItem | null): HistoryWarning => ({
  code: 'history-rejected',
  message: `Lucca refused ${what} (HTTP ${String(status)}, history-rejected)${
    item === null ? '' : ` for employee ${item.employeeNumber}, ended ${item.sessionEndsOn}`
  }: the others went on`,
  userId: null,
  title: item?.title ?? null,
});

/**
 * Writes the items: each missing training once (title only), then each record not already in
 * Lucca. One refusal is a warning and the rest go on; an outage throws, with the counts kept.
 */
export const applyHistory = async (
  client: LuccaTrainingClient,
  items: ReadonlyArray<HistoryItem>,
  catalogue: ReadonlyArray<CatalogueTraining>,
  existing: ReadonlyArray<RealizedTraining>,
  progress: HistoryProgress,
): Promise<void> => {
  const ready = new Map<string, number[]>();
  for (const training of catalogue)
    if (training.state.toLowerCase() === 'ready')
      ready.set(titleKey(training.title), [
        ...(ready.get(titleKey(training.title)) ?? []),
        training.id,
      ]);
  const present = new Set(existing.map((r) => key(r.ownerId, r.trainingId, r.sessionEndsOn)));
  const trainingIds = new Map<string, number | null>();
  const trainingOf = async (item: HistoryItem): Promise<number | null> => {
    if (item.trainingId !== null) return item.trainingId;
    const title = titleKey(item.title);
    const known = trainingIds.get(title);
    if (known !== undefined) return known;
    // Created since the plan (by hand, or by an earlier approval): use it, never a twin.
    const found = ready.get(title) ?? [];
    if (found.length > 1) {
      progress.warnings.push({
        code: 'history-training-ambiguous',
        message: `${String(found.length)} Ready trainings in Lucca are now titled "${item.title}": nothing recorded for it`,
        userId: null,
        title: item.title,
      });
      trainingIds.set(title, null);
      return null;
    }
    if (found[0] !== undefined) {
      trainingIds.set(title, found[0]);
      return found[0];
    }
    const made = await client.createTraining(item.title);
    if (made.ok) progress.created += 1;
    else
      progress.warnings.push(rejected(`to create the training "${item.title}"`, made.status, null));
    trainingIds.set(title, made.ok ? made.value : null);
    return made.ok ? made.value : null;
  };
  for (const item of items) {
    const trainingId = await trainingOf(item);
    if (trainingId === null) continue;
    if (present.has(key(item.luccaId, trainingId, item.sessionEndsOn))) {
      progress.alreadyThere += 1;
      continue;
    }
    const ownerId = Number(item.luccaId);
    if (!Number.isSafeInteger(ownerId) || ownerId < 1) {
      progress.warnings.push(rejected('the record (the Lucca id is not a number)', 400, item));
      continue;
    }
    const written = await client.recordRealized({
      ownerId,
      trainingId,
      sessionStartsOn: item.sessionStartsOn,
      sessionEndsOn: item.sessionEndsOn,
      durationInHours: item.durationInHours,
    });
    if (written.ok) {
      progress.recorded += 1;
      present.add(key(item.luccaId, trainingId, item.sessionEndsOn));
    } else progress.warnings.push(rejected('a record', written.status, item));
  }
};
