import { createHmac } from 'node:crypto';
import type { Alert } from '../alert.ts';
import { renderMarkdown } from '../render.ts';
import type { AlertChannel } from './channel.ts';
import { postToRobot, type HttpOptions } from './http.ts';

// 钉钉 group robot (自定义机器人): POST markdown to https://oapi.dingtalk.com/robot/send?access_token=TOKEN.
// With 加签 switched on, each call carries the time and an HMAC of it keyed by the robot's
// secret; DingTalk refuses a wrong signature (errcode 310000) and a time more than an hour off.

export interface DingtalkTarget {
  /** The robot's webhook URL, access_token included (resolved from its secret reference). */
  url: string;
  /** The 加签 secret ("SEC…"), when the robot has signing switched on. */
  secret?: string;
}

/** DingTalk documents no byte limit as firm as 企业微信's; the same budget keeps messages phone-sized. */
const DINGTALK_MAX_BYTES = 4096;

export function dingtalkPayload(alert: Alert): { msgtype: 'markdown'; markdown: { title: string; text: string } } {
  const { title, markdown } = renderMarkdown(alert, DINGTALK_MAX_BYTES);
  return { msgtype: 'markdown', markdown: { title, text: markdown } };
}

/** base64(HMAC-SHA256(key = secret, data = `${timestamp}\n${secret}`)), as DingTalk computes it. */
export function dingtalkSignature(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The URL to call: with a secret, `&timestamp=T&sign=S` appended (S URL-encoded). */
export function signedDingtalkUrl(url: string, secret: string | undefined, now: Date): string {
  if (!secret) return url;
  const t = now.getTime();
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${t}&sign=${encodeURIComponent(dingtalkSignature(t, secret))}`;
}

export function dingtalkChannel(opts: HttpOptions & { now?: () => Date } = {}): AlertChannel<DingtalkTarget> {
  return {
    send: (alert, target) => {
      const url = signedDingtalkUrl(target.url, target.secret, opts.now?.() ?? new Date());
      return postToRobot('钉钉机器人', url, dingtalkPayload(alert), opts, [
        url,
        target.url,
        ...(target.secret ? [target.secret] : []),
      ]);
    },
  };
}
