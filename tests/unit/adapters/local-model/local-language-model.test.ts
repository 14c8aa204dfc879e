// Local language model (shared/adapters/local-model/local-language-model.ts) — unit specification.
import { describe, expect, it } from 'vitest';
import { LocalModelRequestError } from '../../../../shared/adapters/local-model/errors.js';
import {
  createLocalLanguageModel, localHandoffInput, localLanguageModelId, localModelReplies,
} from '../../../../shared/adapters/local-model/local-language-model.js';
import type {
  ContentBlock, ConversationMessage, ConverseRequest, ConverseStreamEvent, ToolSpec,
} from '../../../../shared/ports/language-model.js';

const searchTool: ToolSpec = {
  name: 'search_knowledge',
  description: 'Search the knowledge base.',
  inputSchema: { json: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
};
const handoffTool: ToolSpec = {
  name: 'handoff_to_human',
  description: 'Pass the conversation to a human agent.',
  inputSchema: { json: { type: 'object', properties: { reason: { type: 'string' } } } },
};

const user = (text: string): ConversationMessage => ({ role: 'user', content: [{ text }] });

/** The three messages of one tool round: the question, the model's tool call, the tool's result. */
function toolRound(question: string, name: string, result: ContentBlock): ConversationMessage[] {
  return [
    user(question),
    { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name, input: { query: question } } }] },
    { role: 'user', content: [result] },
  ];
}

const refundPassages =
  'Refunds are paid to the original card within five working days. ' +
  'Our warehouse is closed on public holidays. ' +
  'A refund for a damaged item needs a photo of the damage.';

function request(overrides: Partial<ConverseRequest>): ConverseRequest {
  return { system: 'You are the support assistant of Acme.', messages: [], maxTokens: 250, ...overrides };
}

function textOf(content: readonly ContentBlock[]): string {
  return content.map((block) => block.text ?? '').join('');
}

async function collect(stream: AsyncIterable<ConverseStreamEvent>): Promise<ConverseStreamEvent[]> {
  const events: ConverseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('createLocalLanguageModel', () => {
  const model = createLocalLanguageModel();

  describe('tool protocol', () => {
    it('asks to search the knowledge base with the question when no tool has answered yet', async () => {
      // Act
      const result = await model.converse(request({
        messages: [user('How long does a refund take?')],
        tools: [searchTool, handoffTool],
      }));

      // Assess
      expect(result.stopReason).toBe('tool_use');
      expect(result.content).toHaveLength(1);
      expect(result.content[0]?.toolUse).toMatchObject({ name: 'search_knowledge', input: { query: 'How long does a refund take?' } });
      expect(result.content[0]?.toolUse?.toolUseId).toMatch(/^tooluse_[0-9a-f]{16}$/);
    });

    it.each(['Can I talk to a human?', 'I want a real person', 'Put me through to an agent please', 'representative!'])(
      'hands off to a human when the customer asks for one: %s',
      async (question) => {
        const result = await model.converse(request({ messages: [user(question)], tools: [searchTool, handoffTool] }));

        expect(result.stopReason).toBe('tool_use');
        expect(result.content[0]?.toolUse).toMatchObject({ name: 'handoff_to_human', input: localHandoffInput });
      },
    );

    it('searches rather than hands off when the hand-off tool is not offered', async () => {
      const result = await model.converse(request({ messages: [user('Can I talk to a human?')], tools: [searchTool] }));

      expect(result.content[0]?.toolUse?.name).toBe('search_knowledge');
    });

    it('gives the same tool-use id for the same request', async () => {
      const ask = request({ messages: [user('Where is my order?')], tools: [searchTool] });

      const [first, second] = await Promise.all([model.converse(ask), model.converse(ask)]);

      expect(first.content[0]?.toolUse?.toolUseId).toBe(second.content[0]?.toolUse?.toolUseId);
    });

    it('confirms the hand-off once the hand-off tool has run', async () => {
      const result = await model.converse(request({
        messages: toolRound('I need a person', 'handoff_to_human', { toolResult: { toolUseId: 'tooluse_1', content: [{ text: 'queued' }] } }),
        tools: [searchTool, handoffTool],
      }));

      expect(result.stopReason).toBe('end_turn');
      expect(textOf(result.content)).toBe(localModelReplies.handoff);
    });

    it('says so when the hand-off tool failed', async () => {
      const result = await model.converse(request({
        messages: toolRound('I need a person', 'handoff_to_human', {
          toolResult: { toolUseId: 'tooluse_1', content: [{ text: 'no agent online' }], status: 'error' },
        }),
        tools: [searchTool, handoffTool],
      }));

      expect(textOf(result.content)).toBe(localModelReplies.handoffFailed);
    });
  });

  describe('answers', () => {
    it('answers after a search with the passage sentences that share the question\'s words', async () => {
      // Prepare
      const messages = toolRound('How long does a refund take to reach my card?', 'search_knowledge', {
        toolResult: { toolUseId: 'tooluse_1', content: [{ text: refundPassages }] },
      });

      // Act
      const result = await model.converse(request({ messages, tools: [searchTool, handoffTool] }));

      // Assess
      expect(result.stopReason).toBe('end_turn');
      expect(textOf(result.content)).toBe('Refunds are paid to the original card within five working days.');
      expect(result.modelId).toBe(localLanguageModelId);
    });

    it('reads the text fields of a JSON tool result, not its titles or ids', async () => {
      const messages = toolRound('Do you need a photo for a damaged item refund?', 'search_knowledge', {
        toolResult: {
          toolUseId: 'tooluse_1',
          content: [{ json: { hits: [{ chunkId: 'damaged-item-refund', title: 'Damaged item refund photo', text: refundPassages }] } }],
        },
      });

      const result = await model.converse(request({ messages, tools: [searchTool] }));

      expect(textOf(result.content)).toBe('A refund for a damaged item needs a photo of the damage.');
    });

    it('answers from <document> passages in the system prompt when no tools are offered', async () => {
      const result = await model.converse(request({
        system: `Answer from these documents only.\n<document title="Holidays">${refundPassages}</document>`,
        messages: [user('Is the warehouse open on public holidays?')],
      }));

      expect(textOf(result.content)).toBe('Our warehouse is closed on public holidays.');
    });

    it('says plainly that it found nothing when no passage is relevant', async () => {
      const messages = toolRound('Do you sell gift vouchers?', 'search_knowledge', {
        toolResult: { toolUseId: 'tooluse_1', content: [{ text: refundPassages }] },
      });

      const result = await model.converse(request({ messages, tools: [searchTool] }));

      expect(result.stopReason).toBe('end_turn');
      expect(textOf(result.content)).toBe(localModelReplies.notFound);
    });

    it('says it found nothing when the search returned no passages', async () => {
      const messages = toolRound('How long does a refund take?', 'search_knowledge', {
        toolResult: { toolUseId: 'tooluse_1', content: [{ json: { hits: [] } }] },
      });

      const result = await model.converse(request({ messages, tools: [searchTool] }));

      expect(textOf(result.content)).toBe('I could not find this in our knowledge base.');
    });

    it('searches again for a new question asked after an earlier answer', async () => {
      const messages: ConversationMessage[] = [
        ...toolRound('How long does a refund take?', 'search_knowledge', {
          toolResult: { toolUseId: 'tooluse_1', content: [{ text: refundPassages }] },
        }),
        { role: 'assistant', content: [{ text: 'Refunds are paid within five working days.' }] },
        user('And when is the warehouse closed?'),
      ];

      const result = await model.converse(request({ messages, tools: [searchTool] }));

      expect(result.content[0]?.toolUse).toMatchObject({ name: 'search_knowledge', input: { query: 'And when is the warehouse closed?' } });
    });

    it('stops at maxTokens on a word boundary and says why', async () => {
      const messages = toolRound('How long does a refund take to reach my card?', 'search_knowledge', {
        toolResult: { toolUseId: 'tooluse_1', content: [{ text: refundPassages }] },
      });

      const result = await model.converse(request({ messages, tools: [searchTool], maxTokens: 5 }));

      expect(result.stopReason).toBe('max_tokens');
      // 5 tokens ≈ 20 characters: "Refunds are paid to" (19) fits, adding " the" (23) would not.
      expect(textOf(result.content)).toBe('Refunds are paid to');
      expect(result.usage.outputTokens).toBeLessThanOrEqual(5);
    });
  });

  describe('usage', () => {
    it('estimates tokens as ceil(characters / 4) for input and output', async () => {
      // Prepare
      const system = 'You are the support assistant of Acme.';
      const question = 'Is the warehouse open on public holidays?';
      const passage = `<document>${refundPassages}</document>`;

      // Act
      const result = await model.converse(request({ system: system + passage, messages: [user(question)] }));

      // Assess
      const answer = 'Our warehouse is closed on public holidays.';
      expect(textOf(result.content)).toBe(answer);
      expect(result.usage).toEqual({
        inputTokens: Math.ceil((system.length + passage.length + question.length) / 4),
        outputTokens: Math.ceil(answer.length / 4),
      });
    });

    it('counts tool specs in the input and the tool call in the output', async () => {
      const question = 'Where is my order?';

      const result = await model.converse(request({ system: '', messages: [user(question)], tools: [searchTool] }));

      const toolChars = searchTool.name.length + searchTool.description.length + JSON.stringify(searchTool.inputSchema.json).length;
      expect(result.usage.inputTokens).toBe(Math.ceil((question.length + toolChars) / 4));
      expect(result.usage.outputTokens).toBe(Math.ceil(('search_knowledge'.length + JSON.stringify({ query: question }).length) / 4));
    });
  });

  describe('converseStream', () => {
    it('streams the answer in word-sized deltas that add up to the final result', async () => {
      // Prepare
      const ask = request({
        messages: toolRound('How long does a refund take to reach my card?', 'search_knowledge', {
          toolResult: { toolUseId: 'tooluse_1', content: [{ text: refundPassages }] },
        }),
        tools: [searchTool],
      });

      // Act
      const events = await collect(model.converseStream(ask));

      // Assess
      const deltas = events.flatMap((event) => (event.contentBlockDelta === undefined ? [] : [event.contentBlockDelta.delta.text]));
      const last = events.at(-1);
      expect(deltas.length).toBeGreaterThan(5);
      for (const delta of deltas) expect(delta.trim()).not.toMatch(/\s/);
      expect(deltas.join('')).toBe('Refunds are paid to the original card within five working days.');
      expect(last?.result).toEqual(await model.converse(ask));
      expect(events.filter((event) => event.result !== undefined)).toHaveLength(1);
    });

    it('streams a tool call as the final result alone', async () => {
      const events = await collect(model.converseStream(request({ messages: [user('Where is my order?')], tools: [searchTool] })));

      expect(events).toHaveLength(1);
      expect(events[0]?.result?.stopReason).toBe('tool_use');
    });
  });

  describe('tool choice', () => {
    const summaryTool: ToolSpec = {
      name: 'record_summary',
      description: 'Record a summary for the agent.',
      inputSchema: { json: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] } },
    };

    it('calls a forced record_summary with the customer\'s own messages quoted, in order', async () => {
      const messages: ConversationMessage[] = [
        user('My parcel arrived damaged.'),
        { role: 'assistant', content: [{ text: 'I am sorry about that.' }] },
        user('I would like a refund. <document>Refunds take five days.</document>'),
      ];

      const result = await model.converse(request({ messages, tools: [summaryTool, searchTool], toolChoice: { tool: 'record_summary' } }));

      expect(result.stopReason).toBe('tool_use');
      expect(result.content).toEqual([{ toolUse: { toolUseId: expect.any(String), name: 'record_summary', input: { summary: 'The customer wrote: "My parcel arrived damaged."; "I would like a refund.".' } } }]);
    });

    it('keeps the latest customer messages when they are too long to quote all', async () => {
      const long = 'x'.repeat(300);
      const ok = { role: 'assistant' as const, content: [{ text: 'ok' }] };
      const messages = [user(`first ${long}`), ok, user(`second ${long}`), ok, user(`third ${long}`), ok, user('fourth and last')];

      const result = await model.converse(request({ messages, tools: [summaryTool], toolChoice: { tool: 'record_summary' } }));

      const summary = (result.content[0]?.toolUse?.input as { summary: string }).summary;
      expect(summary.length).toBeLessThan(700);
      expect(summary).toContain('"fourth and last"');
      expect(summary).not.toContain('first');
    });

    it('fills the required string fields of another forced tool with the question', async () => {
      const ticketTool: ToolSpec = {
        name: 'open_ticket',
        description: 'Open a ticket.',
        inputSchema: { json: { type: 'object', properties: { subject: { type: 'string' }, priority: { type: 'string' } }, required: ['subject'] } },
      };

      const result = await model.converse(request({ messages: [user('My invoice is wrong')], tools: [ticketTool], toolChoice: { tool: 'open_ticket' } }));

      expect(result.content[0]?.toolUse).toMatchObject({ name: 'open_ticket', input: { subject: 'My invoice is wrong' } });
    });

    it('calls a tool with toolChoice any where it would have answered in text', async () => {
      const messages = toolRound('How long do refunds take?', 'search_knowledge', { toolResult: { toolUseId: 'tooluse_1', content: [{ text: refundPassages }] } });

      const result = await model.converse(request({ messages, tools: [searchTool], toolChoice: 'any' }));

      expect(result.stopReason).toBe('tool_use');
      expect(result.content[0]?.toolUse).toMatchObject({ name: 'search_knowledge', input: { query: 'How long do refunds take?' } });
    });

    it('refuses a forced tool that is not among the tools, as Bedrock would', async () => {
      await expect(model.converse(request({ messages: [user('hi')], tools: [searchTool], toolChoice: { tool: 'record_summary' } }))).rejects.toThrow(LocalModelRequestError);
    });
  });

  describe('images', () => {
    const png = { image: { format: 'png' as const, bytes: new Uint8Array([137, 80, 78, 71]) } };

    it('says it cannot see images when the customer sent only an image', async () => {
      const result = await model.converse(request({ messages: [{ role: 'user', content: [png] }], tools: [searchTool] }));

      expect(result.content).toEqual([{ text: localModelReplies.cannotSeeImages }]);
    });

    it('ignores an image next to a text question and counts it in the input tokens', async () => {
      const withImage = await model.converse(request({ messages: [{ role: 'user', content: [{ text: 'Where is my order?' }, png] }], tools: [searchTool] }));
      const withoutImage = await model.converse(request({ messages: [user('Where is my order?')], tools: [searchTool] }));

      expect(withImage.content[0]?.toolUse?.name).toBe('search_knowledge');
      expect(withImage.usage.inputTokens - withoutImage.usage.inputTokens).toBe(1_600);
    });
  });

  describe('bad requests', () => {
    it('refuses a request without messages, as Bedrock would', async () => {
      await expect(model.converse(request({ messages: [] }))).rejects.toThrow(LocalModelRequestError);
    });

    it('refuses a maxTokens that is not a positive integer', async () => {
      await expect(model.converse(request({ messages: [user('hi')], maxTokens: 0 }))).rejects.toThrow(/maxTokens must be a positive integer/);
      await expect(collect(model.converseStream(request({ messages: [user('hi')], maxTokens: 1.5 })))).rejects.toThrow(LocalModelRequestError);
    });
  });
});
