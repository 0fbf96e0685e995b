/**
 * The Messenger and Page-feed webhook shapes we read (Meta's field names). They never leave this
 * folder: parse.ts turns them into our InboundEvent. Only the fields we use are declared; Meta adds
 * fields freely, so unknown keys are ignored rather than rejected.
 */
import { z } from 'zod';

const id = z.string().min(1);
/** Meta's timestamps are numbers; tolerate numeric strings, never trust them to be present. */
const epoch = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const envelopeSchema = z.object({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.union([id, z.number().transform(String)]), time: epoch.optional() })),
});

const attachmentSchema = z.object({
  type: z.string(),
  payload: z
    .object({ url: z.string().optional(), sticker_id: z.union([z.number(), z.string()]).optional() })
    .nullish(),
});

export const messagingSchema = z.object({
  sender: z.object({ id }),
  recipient: z.object({ id }),
  timestamp: epoch,
  message: z
    .object({
      mid: id,
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      sticker_id: z.union([z.number(), z.string()]).optional(),
      quick_reply: z.object({ payload: z.string() }).optional(),
      attachments: z.array(attachmentSchema).optional(),
    })
    .optional(),
  postback: z
    .object({ title: z.string().optional(), payload: z.string().optional(), mid: id.optional() })
    .optional(),
  message_edit: z.object({ mid: id, text: z.string(), num_edit: z.number().int() }).optional(),
});
export type Messaging = z.infer<typeof messagingSchema>;
export type MessengerAttachment = z.infer<typeof attachmentSchema>;

export const changeSchema = z.object({ field: z.string(), value: z.unknown() });

export const commentSchema = z.object({
  item: z.literal('comment'),
  verb: z.string(),
  comment_id: id,
  post_id: z.string().optional(),
  parent_id: z.string().optional(),
  from: z.object({ id, name: z.string().optional() }).optional(),
  message: z.string().optional(),
  photo: z.string().optional(),
  video: z.string().optional(),
  created_time: epoch.optional(),
});
export type CommentChange = z.infer<typeof commentSchema>;
