import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from './build.ts';

// The API Gateway half of the stack: IAM auth and a validator on every method, closed body
// models, declared query parameters, and the gateway's own refusals in the handler's error shape.

type Resource = { Type: string; Properties: Record<string, unknown> };

let template: Template;

beforeAll(() => {
  template = Template.fromStack(buildStack({ senderEmail: 'watch@gtj.mhk.gov.cn' }).stack);
});

describe('API', () => {
  it('requires IAM auth and a validator on every method', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')) as Resource[];
    expect(methods.map((m) => m.Properties.HttpMethod).sort()).toEqual([
      'GET',
      'GET',
      'GET',
      'GET',
      'GET',
      'POST',
      'POST',
    ]);
    for (const m of methods) {
      expect(m.Properties).toMatchObject({ AuthorizationType: 'AWS_IAM', RequestValidatorId: expect.anything() });
      expect(m.Properties.Integration).toMatchObject({ Type: 'AWS_PROXY' });
    }
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });

  it('validates the POST /checks body against a closed schema', () => {
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: Match.objectLike({
        type: 'object',
        required: ['portalId', 'url'],
        additionalProperties: false,
        properties: {
          portalId: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
          url: { type: 'string', format: 'uri', maxLength: 2048 },
        },
      }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestModels: { 'application/json': Match.anyValue() },
    });
  });

  it('validates a finding action against a closed schema: the action, an ignore reason, bounded name and note', () => {
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Name: 'FindingAction',
      Schema: Match.objectLike({
        type: 'object',
        required: ['action'],
        additionalProperties: false,
        properties: {
          action: { type: 'string', enum: ['ack', 'ignore', 'reopen', 'confirm'] },
          by: { type: 'string', minLength: 1, maxLength: 64 },
          reason: { type: 'string', enum: ['false-positive', 'not-applicable', 'accepted'] },
          note: { type: 'string', minLength: 1, maxLength: 500 },
          until: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          expectedVersion: { type: 'integer', minimum: 0 },
        },
      }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestParameters: { 'method.request.path.id': true, 'method.request.path.findingId': true },
      RequestModels: { 'application/json': Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      RequestParameters: { 'method.request.path.id': true, 'method.request.path.findingId': true },
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      RequestParameters: { 'method.request.path.id': true, 'method.request.querystring.limit': false },
    });
  });

  it('declares the findings filters as optional query parameters', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      RequestParameters: {
        'method.request.path.id': true,
        'method.request.querystring.status': false,
        'method.request.querystring.overdue': false,
        'method.request.querystring.rule': false,
        'method.request.querystring.department': false,
        'method.request.querystring.since': false,
        'method.request.querystring.cursor': false,
        'method.request.querystring.limit': false,
      },
    });
  });

  it('logs access, throttles and traces the stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      TracingEnabled: true,
      MethodSettings: [
        Match.objectLike({
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 20,
          LoggingLevel: 'INFO',
          MetricsEnabled: true,
          DataTraceEnabled: false,
        }),
      ],
    });
  });

  it("answers its own refusals (bad body, unsigned, denied, throttled) in the handler's JSON error shape", () => {
    // What API Gateway substitutes (templates are not VTL, nothing is escaped), as it words it.
    const validationError: Record<string, string> = {
      BAD_REQUEST_BODY: '[object has missing required properties (["url"])]',
      BAD_REQUEST_PARAMETERS: 'Missing required request parameters: [id]',
    };
    for (const type of [
      'BAD_REQUEST_BODY',
      'BAD_REQUEST_PARAMETERS',
      'ACCESS_DENIED',
      'MISSING_AUTHENTICATION_TOKEN',
      'THROTTLED',
    ]) {
      const found = template.findResources('AWS::ApiGateway::GatewayResponse', { Properties: { ResponseType: type } });
      const [response] = Object.values(found) as { Properties: { ResponseTemplates: Record<string, string> } }[];
      expect(response, type).toBeDefined();
      const body = response!.Properties.ResponseTemplates['application/json']!.replaceAll(
        '$context.error.validationErrorString',
        validationError[type] ?? '',
      ).replace(/\$context\.[A-Za-z.]+/g, 'b7c1e0d2-5f3a-4c1e-9d2b-1a2b3c4d5e6f');
      expect(JSON.parse(body), type).toHaveProperty('error');
    }
  });

  it('exports the operator outputs', () => {
    for (const name of ['ApiUrl', 'TableName', 'CrawlQueueUrl', 'AlarmTopicArn']) template.hasOutput(name, {});
  });
});
