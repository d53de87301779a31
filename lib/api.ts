import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DISPLAY_NAME_MAX, FINDING_ACTIONS, ISO_DAY_PATTERN, NOTE_MAX } from '../functions/api/action-limits.ts';
import { PORTAL_ID_MAX_LENGTH, PORTAL_ID_PATTERN } from '../functions/common/portal-id.ts';
import { IGNORE_REASONS } from '../functions/model/finding.ts';

export interface DisclosureApiProps {
  readonly handler: IFunction;
}

/** Optional filters of GET /portals/{id}/findings, declared so the validator knows them. */
const FINDINGS_QUERY = ['status', 'overdue', 'rule', 'department', 'since', 'cursor', 'limit'] as const;

/**
 * The on-demand API for information officers. IAM auth: its callers are the bureau's own staff
 * and the CLI, with IAM credentials already; there is no public sign-up to need Cognito.
 */
export class DisclosureApi extends Construct {
  readonly api: apigateway.RestApi;

  constructor(scope: Construct, id: string, props: DisclosureApiProps) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'disclosure-watch: on-demand checks, findings and decisions on them (整改), summaries',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Execution logging needs the account-level CloudWatch role; create it so a fresh account deploys.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        // A handful of officers: anything faster is a runaway script, and every check hits a portal.
        throttlingRateLimit: 10,
        throttlingBurstLimit: 20,
        loggingLevel: apigateway.MethodLoggingLevel.INFO,
        // Request and response bodies would put officers' URLs and findings in the logs.
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
      },
    });

    const validator = this.api.addRequestValidator('Validator', {
      requestValidatorName: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const checkRequest = this.api.addModel('CheckRequest', {
      contentType: 'application/json',
      modelName: 'CheckRequest',
      schema: {
        schema: apigateway.JsonSchemaVersion.DRAFT4,
        title: 'CheckRequest',
        type: apigateway.JsonSchemaType.OBJECT,
        properties: {
          portalId: {
            type: apigateway.JsonSchemaType.STRING,
            minLength: 1,
            maxLength: PORTAL_ID_MAX_LENGTH,
            pattern: PORTAL_ID_PATTERN,
          },
          url: { type: apigateway.JsonSchemaType.STRING, format: 'uri', maxLength: 2048 },
        },
        required: ['portalId', 'url'],
        additionalProperties: false,
      },
    });

    // A person's decision on a finding. That `reason` comes with ignore only is the function's
    // check (zod); this model closes the shape, so an unknown key never reaches the function.
    const findingAction = this.api.addModel('FindingAction', {
      contentType: 'application/json',
      modelName: 'FindingAction',
      schema: {
        schema: apigateway.JsonSchemaVersion.DRAFT4,
        title: 'FindingAction',
        type: apigateway.JsonSchemaType.OBJECT,
        properties: {
          action: { type: apigateway.JsonSchemaType.STRING, enum: [...FINDING_ACTIONS] },
          by: { type: apigateway.JsonSchemaType.STRING, minLength: 1, maxLength: DISPLAY_NAME_MAX },
          reason: { type: apigateway.JsonSchemaType.STRING, enum: [...IGNORE_REASONS] },
          note: { type: apigateway.JsonSchemaType.STRING, minLength: 1, maxLength: NOTE_MAX },
          until: { type: apigateway.JsonSchemaType.STRING, pattern: ISO_DAY_PATTERN },
          expectedVersion: { type: apigateway.JsonSchemaType.INTEGER, minimum: 0 },
        },
        required: ['action'],
        additionalProperties: false,
      },
    });

    // API Gateway's own refusals speak the handler's error shape ({"error", "details"}), so a
    // client reads one format whether the gateway or the function said no.
    const gatewayErrors: [string, apigateway.ResponseType, string][] = [
      // Gateway response templates are plain substitution, not VTL: the body validator's message
      // holds double quotes that nothing can escape here, so it is left out; ours says what to send.
      [
        'BadBody',
        apigateway.ResponseType.BAD_REQUEST_BODY,
        '"the body is not valid for this route: POST /checks takes {\\"portalId\\": \\"…\\", \\"url\\": \\"http…\\"}, POST …/findings/{findingId}/actions takes {\\"action\\": \\"ack|ignore|reopen|confirm\\", \\"reason\\", \\"note\\", \\"until\\", \\"by\\", \\"expectedVersion\\"}, as application/json"',
      ],
      [
        'BadParameters',
        apigateway.ResponseType.BAD_REQUEST_PARAMETERS,
        '"the request parameters are not valid", "details": ["$context.error.validationErrorString"]',
      ],
      [
        'Denied',
        apigateway.ResponseType.ACCESS_DENIED,
        '"not allowed: the caller needs execute-api:Invoke on this route"',
      ],
      [
        'Unsigned',
        apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
        '"no such route, or the request is not signed (SigV4, e.g. awscurl --service execute-api)"',
      ],
      ['Throttled', apigateway.ResponseType.THROTTLED, '"too many requests: at most 10 a second; retry shortly"'],
    ];
    for (const [name, type, error] of gatewayErrors) {
      this.api.addGatewayResponse(name, {
        type,
        templates: { 'application/json': `{"error": ${error}, "requestId": "$context.requestId"}` },
      });
    }

    const integration = new apigateway.LambdaIntegration(props.handler, { proxy: true });
    const withId = { 'method.request.path.id': true };

    const checks = this.api.root.addResource('checks');
    checks.addMethod('POST', integration, {
      requestValidator: validator,
      requestModels: { 'application/json': checkRequest },
    });
    checks
      .addResource('{id}')
      .addMethod('GET', integration, { requestValidator: validator, requestParameters: withId });

    const portal = this.api.root.addResource('portals').addResource('{id}');
    const findings = portal.addResource('findings');
    findings.addMethod('GET', integration, {
      requestValidator: validator,
      requestParameters: {
        ...withId,
        ...Object.fromEntries(FINDINGS_QUERY.map((q) => [`method.request.querystring.${q}`, false])),
      },
    });
    const withFinding = { ...withId, 'method.request.path.findingId': true };
    const finding = findings.addResource('{findingId}');
    finding.addMethod('GET', integration, { requestValidator: validator, requestParameters: withFinding });
    finding.addResource('actions').addMethod('POST', integration, {
      requestValidator: validator,
      requestParameters: withFinding,
      requestModels: { 'application/json': findingAction },
    });
    portal.addResource('decisions').addMethod('GET', integration, {
      requestValidator: validator,
      requestParameters: { ...withId, 'method.request.querystring.limit': false },
    });
    portal
      .addResource('summary')
      .addMethod('GET', integration, { requestValidator: validator, requestParameters: withId });
  }
}
