/**
 * The Zalo OA webhook shapes we read. IDs are 18-19 digit numbers sent as strings: they are kept as
 * strings (a JS number would silently round them), and a numeric id is rejected. Never exported
 * beyond this folder.
 */
import { z } from 'zod';

const id = z.string().regex(/^\d+$/, 'ids are digit strings');
const epochMs = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

export const eventNameSchema = z.object({ event_name: z.string() });

export const userMessageSchema = z.object({
  app_id: z.string().optional(),
  event_name: z.string(),
  sender: z.object({ id }),
  recipient: z.object({ id }),
  timestamp: epochMs,
  message: z.object({
    msg_id: z.string().min(1),
    text: z.string().optional(),
    attachments: z.array(z.object({ type: z.string().optional() }).loose()).optional(),
  }),
});
export type UserMessage = z.infer<typeof userMessageSchema>;

export const followSchema = z.object({
  event_name: z.enum(['follow', 'unfollow']),
  oa_id: z.string().optional(),
  follower: z.object({ id }),
  timestamp: epochMs,
});
