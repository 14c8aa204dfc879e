/**
 * The conversation use cases — layer: services. The container builds them over the adapters;
 * the agents' API, the widget API and the scheduler call them.
 */
export { makeReceiveCustomerMessage, type ReceiveCustomerMessageInput, type ReceiveCustomerMessageResult } from './receive-customer-message.js';
export { makeListMessages, type ListMessagesInput, type MessagePage } from './list-messages.js';
export { makeMarkConversationRead, type MarkConversationReadInput } from './mark-conversation-read.js';
export { makeListVisitorConversations } from './list-visitor-conversations.js';
export { makeListConversations, makeCountConversations, type ConversationCounts, type ConversationPage, type ListConversationsInput } from './list-conversations.js';
export { makeGetConversation, makeGetContact, makeListContactConversations, makeListInboxes, type ContactDetails, type InboxView } from './get-conversation.js';
export { makeReplyToConversation, type ReplyInput } from './reply-to-conversation.js';
export { makeAssignConversation, makeChangeConversationStatus, makeSetPriority, type AssignInput, type ChangeStatusInput } from './change-conversation.js';
export { makeCreateTeam, makeListTeams, type TeamView } from './teams.js';
export { makeWakeSnoozedConversations } from './wake-snoozed-conversations.js';
export { makeAutoAssign } from './auto-assign.js';
export { NotFoundError, ValidationError } from './errors.js';
export type { ConversationDeps } from './deps.js';
