import type { Alert } from '../alert.ts';
import { renderMarkdown } from '../render.ts';
import type { AlertChannel } from './channel.ts';
import { postToRobot, type HttpOptions } from './http.ts';

// 企业微信 group robot (群机器人): POST markdown to https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY.
// The key in the URL is the only credential, so the whole URL is a secret.

export interface WecomTarget {
  /** The robot's webhook URL, key included (resolved from its secret reference). */
  url: string;
}

/** 企业微信 refuses markdown content over 4096 bytes. */
const WECOM_MAX_BYTES = 4096;

export function wecomPayload(alert: Alert): { msgtype: 'markdown'; markdown: { content: string } } {
  return { msgtype: 'markdown', markdown: { content: renderMarkdown(alert, WECOM_MAX_BYTES).markdown } };
}

export function wecomChannel(opts: HttpOptions = {}): AlertChannel<WecomTarget> {
  return {
    send: (alert, target) => postToRobot('企业微信机器人', target.url, wecomPayload(alert), opts, [target.url]),
  };
}
