/**
 * The subset of the Bot API Update we read (https://core.telegram.org/bots/api#update). These types
 * never leave this folder: parse.ts turns them into our InboundEvent. Unknown fields pass through;
 * unknown update kinds are ignored, not rejected.
 */
import { z } from 'zod';

const user = z.object({
  id: z.number(),
  is_bot: z.boolean().optional(),
  language_code: z.string().optional(),
});
const message = z.object({
  message_id: z.number(),
  date: z.number(),
  edit_date: z.number().optional(),
  chat: z.object({ id: z.number(), type: z.string() }),
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.unknown()).optional(),
  sticker: z.object({ emoji: z.string().optional() }).passthrough().optional(),
  document: z.object({}).passthrough().optional(),
  video: z.object({}).passthrough().optional(),
  voice: z.object({}).passthrough().optional(),
  audio: z.object({}).passthrough().optional(),
  location: z.object({}).passthrough().optional(),
});
export const updateSchema = z.object({
  update_id: z.number().int(),
  message: message.optional(),
  edited_message: message.optional(),
});
export type TelegramMessage = z.infer<typeof message>;
