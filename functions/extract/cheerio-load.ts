// cheerio's `load` (parse5, as the package's main entry gives it) without the rest of that entry:
// its URL and stream loaders import undici, parse5-parser-stream and encoding-sniffer (iconv-lite's
// code tables), and cheerio does not declare itself free of side effects, so a bundler keeps them
// all, about 0.5 MB in every Lambda that parses HTML, none of it ever called. The path is the
// module cheerio's main entry re-exports `load` from; if an update moves it, typecheck and every
// extraction test fail at this import.
export { load } from '../../node_modules/cheerio/dist/esm/load-parse.js';
