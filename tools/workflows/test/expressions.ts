/**
 * The one expression shape the workflows use to pick by `dry_run`:
 * `${{ inputs.dry_run && 'A' || 'B' }}`. Returns what it evaluates to for a dispatch with
 * dry_run true, and for dry_run false or a scheduled run (inputs.dry_run is null then).
 */
const PICK = /^\$\{\{\s*inputs\.dry_run\s*&&\s*'([^']+)'\s*\|\|\s*'([^']+)'\s*\}\}$/;

export const evaluateDryRunPick = (
  expression: string,
): { whenDryRun: string; otherwise: string } | null => {
  const match = PICK.exec(expression.trim());
  const whenDryRun = match?.[1];
  const otherwise = match?.[2];
  return whenDryRun === undefined || otherwise === undefined ? null : { whenDryRun, otherwise };
};
