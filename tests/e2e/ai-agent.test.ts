/**
 * The AI agent's journey after `npm start`, in Debian's Chromium: a customer asks the demo shop's
 * widget a question the demo knowledge base covers and watches the answer being written (the
 * `ai.delta` frames arrive before the stored answer), with its source cited; then asks something
 * the knowledge base does not cover and is handed to a person. An agent sees the conversation
 * waiting in the inbox with the AI's summary, the answer's trace (passages with scores, model,
 * cost), takes over, and resolves it.
 */
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './browser.js';

const { baseUrl, agent } = inject('e2e');
const covered = 'How many days do I have to return an item?';
const uncovered = 'Can I pay for my order with a gift voucher from a partner store?';

let browser: Browser;
let agentContext: BrowserContext;
let customerContext: BrowserContext;
let dashboard: Page;
let shop: Page;
/** Every realtime event the widget received, in arrival order. */
const widgetEvents: { type: string; messageId?: string; text?: string; authorType?: string }[] = [];

/** Polls until `check` passes (vitest reports the failure, with what was awaited). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function chat(): FrameLocator {
  return shop.frameLocator('iframe[title="Chat"]');
}

function botMessages() {
  return chat().locator('[data-testid="sb-message"][data-author="bot"]');
}

/** Records the widget's realtime events (the chat window lives in an iframe of the shop page). */
function recordWidgetEvents(page: Page): void {
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      try {
        const frame = JSON.parse(String(payload)) as { event?: { type?: string; messageId?: string; text?: string; message?: { id: string; authorType: string } } };
        const event = frame.event;
        if (!event?.type) return;
        widgetEvents.push({
          type: event.type,
          ...(event.messageId ? { messageId: event.messageId, text: event.text ?? '' } : {}),
          ...(event.message ? { messageId: event.message.id, authorType: event.message.authorType } : {}),
        });
      } catch {
        // Not a JSON frame (none are expected); nothing to record.
      }
    });
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  customerContext = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  dashboard = await agentContext.newPage();
  shop = await customerContext.newPage();
  recordWidgetEvents(shop);
});

afterAll(async () => {
  await browser?.close();
});

describe('the AI agent, end to end', () => {
  it('streams a cited answer to a question the demo knowledge base covers', async () => {
    await shop.goto(`${baseUrl}/demo/`);
    await shop.locator('[data-testid="sb-launcher"]').click();
    await until(async () => (await chat().locator('[data-testid="sb-connection"][data-state="online"]').count()) === 1, 'the widget to go live');
    await chat().locator('[data-testid="sb-input"]').fill(covered);
    await chat().locator('[data-testid="sb-send"]').click();

    await until(async () => (await botMessages().count()) === 1, 'the bot answer in the widget');
    const answer = botMessages().first();
    const answerId = widgetEvents.find((e) => e.type === 'message.created' && e.authorType === 'bot')?.messageId;
    expect(answerId).toBeDefined();
    // Streamed: several pieces of this answer arrived before the stored message did, and they spell it.
    const createdAt = widgetEvents.findIndex((e) => e.type === 'message.created' && e.messageId === answerId);
    const deltas = widgetEvents.slice(0, createdAt).filter((e) => e.type === 'ai.delta' && e.messageId === answerId);
    expect(deltas.length).toBeGreaterThan(3);
    const body = (await answer.innerText()).trim();
    expect(body).toContain('30 days');
    expect(body).toContain(deltas.map((d) => d.text).join('').trim());
    // Cited: the returns article.
    await until(async () => (await chat().locator('[data-testid="sb-citations"]').count()) === 1, 'the sources under the answer');
    expect(await chat().locator('[data-testid="sb-citations"]').innerText()).toContain('Returns and refunds');
    await screenshot(shop, '11-ai-cited-answer');
  });

  it('hands a question it cannot answer to a person', async () => {
    await chat().locator('[data-testid="sb-input"]').fill(uncovered);
    await chat().locator('[data-testid="sb-send"]').click();
    await until(async () => (await botMessages().count()) === 2, 'the hand-off notice in the widget');
    expect(await botMessages().nth(1).innerText()).toMatch(/colleague|person|team/i);
    expect(await chat().locator('[data-testid="sb-citations"]').count()).toBe(1);
    await screenshot(shop, '12-ai-handed-off');
  });

  it('shows the agent the waiting conversation with the AI summary and the answer trace', async () => {
    await dashboard.goto(`${baseUrl}/`);
    await dashboard.getByTestId('signin-email').fill(agent.email);
    await dashboard.getByTestId('signin-password').fill(agent.password);
    await dashboard.getByTestId('signin-submit').click();
    await dashboard.getByTestId('connection-state').and(dashboard.locator('[data-state="online"]')).waitFor();

    const row = dashboard.getByTestId('conversation-row').filter({ has: dashboard.locator('[data-handled-by="pending_handoff"]') });
    await until(async () => (await row.count()) === 1, 'the handed-over conversation in the inbox');
    await row.click();
    await until(async () => (await dashboard.locator('[data-testid="handled-by"][data-handled-by="pending_handoff"]').count()) > 0, 'the "Waiting for agent" badge');
    const summary = dashboard.getByTestId('ai-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/gift voucher/i);

    await dashboard.getByTestId('trace-toggle').first().click();
    const trace = dashboard.getByTestId('answer-trace').first();
    await trace.waitFor();
    const traceText = await trace.innerText();
    expect(traceText).toContain('Returns and refunds');
    expect(traceText).toMatch(/\$\d/);
    await screenshot(dashboard, '13-ai-summary-and-trace');
  });

  it('lets the agent take over and resolve; the bot stays out of it', async () => {
    await dashboard.getByTestId('action-take-over').click();
    await until(async () => (await dashboard.locator('[data-testid="handled-by"][data-handled-by="human"]').count()) > 0, 'the conversation to be the agent\'s');
    const reply = 'Partner vouchers work at checkout like our own gift cards. Anything else?';
    await dashboard.getByTestId('composer-input').fill(reply);
    await dashboard.getByTestId('composer-send').click();
    await until(async () => (await chat().locator('[data-testid="sb-message"]').filter({ hasText: reply }).count()) === 1, 'the agent reply in the widget');

    await chat().locator('[data-testid="sb-input"]').fill('Great, thanks!');
    await chat().locator('[data-testid="sb-send"]').click();
    await until(async () => (await dashboard.getByTestId('message').filter({ hasText: 'Great, thanks!' }).count()) === 1, 'the customer\'s thanks in the dashboard');
    // Give the bot time it would need to answer (its burst window is 1.2 s): it must not.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await botMessages().count()).toBe(2);

    await dashboard.getByTestId('action-resolve').click();
    await until(async () => (await dashboard.getByTestId('action-reopen').count()) === 1, 'the conversation to be resolved');
    await screenshot(dashboard, '14-ai-taken-over-resolved');
  });

  it('shows the admin the indexed knowledge and what the AI has cost, per day', async () => {
    await dashboard.getByTestId('nav-knowledge').click();
    const statuses = dashboard.getByTestId('knowledge-status');
    await until(async () => (await statuses.count()) >= 7, 'the demo sources on the Knowledge page');
    expect(new Set((await statuses.allInnerTexts()).map((t) => t.trim().toLowerCase()))).toEqual(new Set(['ready']));
    await screenshot(dashboard, '15-knowledge-sources');

    await dashboard.getByTestId('nav-costs').click();
    const chart = dashboard.getByTestId('cost-chart');
    await chart.waitFor();
    // The chart invites reading a bar only when some day has spending.
    await until(async () => (await chart.innerText()).includes('Point at a bar'), 'the day\'s spending in the chart');
    expect(await dashboard.getByTestId('top-conversations').innerText()).toMatch(/\$0\.0/);
    await screenshot(dashboard, '16-ai-costs');
  });
});
