// undici's own modules behind its main entry (functions/net/undici.ts types them as undici's exports).
declare module 'undici/lib/dispatcher/agent.js' {
  const value: unknown;
  export default value;
}
declare module 'undici/lib/dispatcher/dispatcher.js' {
  const value: unknown;
  export default value;
}
declare module 'undici/lib/api/index.js' {
  const value: object;
  export default value;
}
declare module 'undici/lib/core/errors.js' {
  const value: unknown;
  export default value;
}
declare module 'undici/lib/core/connect.js' {
  const value: unknown;
  export default value;
}
declare module 'undici/lib/global.js' {
  const value: unknown;
  export default value;
}
