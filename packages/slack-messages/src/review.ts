import { changeIdsText, type ChangeEntry } from './change-list.js';
import { channelMention } from './escape.js';

/**
 * Where a reviewer finds who a preview or a blocked run would change: by name in the HR channel
 * when the list went there, else by employee number in the message itself.
 */
export type ReviewPlace =
  { readonly hrChannel: string } | { readonly entries: ReadonlyArray<ChangeEntry> };

export const reviewText = (review: ReviewPlace): string | null =>
  'hrChannel' in review
    ? `*Who would change:* listed by name in ${channelMention(review.hrChannel)}.`
    : changeIdsText(review.entries);
