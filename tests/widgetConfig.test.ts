import { describe, expect, it } from 'vitest';
import { defaultQueueConfig, QueueConfigSchema } from '../src/domain/queueConfig.js';
import { defaultWidgetConfig, WidgetConfigSchema, whiteContrast } from '../src/domain/widgetConfig.js';
import { GeneralSettingsBody } from '../src/transport/http/adminSchemas.js';
import { parseInput } from '../src/transport/validate.js';
import { AppError } from '../src/app/errors.js';

/** The field errors that parseInput would send to the portal for this General Settings body. */
function refusedFields(widget: unknown): Record<string, string> {
  try {
    parseInput(GeneralSettingsBody, { name: 'Support', open: true, agentDisplay: 'picture', waitingMessages: [], showEstimatedWait: true, widget });
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? {};
    throw error;
  }
  return {};
}

describe('widget config', () => {
  it('accepts the default and fills it in for queues saved before the widget existed', () => {
    expect(WidgetConfigSchema.parse(defaultWidgetConfig())).toEqual(defaultWidgetConfig());
    const { widget: _widget, ...older } = defaultQueueConfig();
    expect(QueueConfigSchema.parse(older).widget).toEqual(defaultWidgetConfig());
  });

  it('normalises colours to lowercase and trims the label', () => {
    const parsed = WidgetConfigSchema.parse({ ...defaultWidgetConfig(), color: ' #0F766E ', label: '  Talk to us ' });
    expect(parsed.color).toBe('#0f766e');
    expect(parsed.label).toBe('Talk to us');
  });

  it('refuses a colour that is not #rrggbb at its field', () => {
    for (const color of ['red', '#12345', '#1234567', 'rgb(0,0,0)', '#gg0000', '', 12]) {
      expect(refusedFields({ ...defaultWidgetConfig(), color })).toHaveProperty('widget.color');
    }
  });

  it('refuses a colour too light for white text (WCAG AA 4.5:1)', () => {
    expect(whiteContrast('#ffffff')).toBeCloseTo(1);
    expect(whiteContrast('#000000')).toBeCloseTo(21);
    expect(refusedFields({ ...defaultWidgetConfig(), headerColor: '#fde047' })['widget.headerColor']).toMatch(/Too light/);
    expect(refusedFields({ ...defaultWidgetConfig(), color: '#3b82f6' })['widget.color']).toMatch(/Too light/); // 3.7:1
    expect(refusedFields({ ...defaultWidgetConfig(), color: '#1d4ed8' })).toEqual({}); // 6.7:1
  });

  it('refuses a position other than bottom-right or bottom-left at its field', () => {
    for (const position of ['top-left', 'center', '', null]) {
      expect(refusedFields({ ...defaultWidgetConfig(), position })['widget.position']).toBe('Choose bottom right or bottom left.');
    }
    expect(refusedFields({ ...defaultWidgetConfig(), position: 'bottom-left' })).toEqual({});
  });

  it('refuses an empty or long label, a logo that is not https, and a site with a path', () => {
    expect(refusedFields({ ...defaultWidgetConfig(), label: '   ' })).toHaveProperty('widget.label');
    expect(refusedFields({ ...defaultWidgetConfig(), label: 'x'.repeat(41) })).toHaveProperty('widget.label');
    expect(refusedFields({ ...defaultWidgetConfig(), logoUrl: 'http://example.com/logo.png' })).toHaveProperty('widget.logoUrl');
    expect(refusedFields({ ...defaultWidgetConfig(), logoUrl: 'javascript:alert(1)' })).toHaveProperty('widget.logoUrl');
    expect(refusedFields({ ...defaultWidgetConfig(), allowedOrigins: ['https://shop.example/path'] })).toHaveProperty('widget.allowedOrigins.0');
    expect(refusedFields({ ...defaultWidgetConfig(), allowedOrigins: ['ftp://shop.example'] })).toHaveProperty('widget.allowedOrigins.0');
    const ok = WidgetConfigSchema.parse({ ...defaultWidgetConfig(), logoUrl: 'https://shop.example/logo.svg', allowedOrigins: ['https://shop.example/'] });
    expect(ok.allowedOrigins).toEqual(['https://shop.example']);
  });
});
