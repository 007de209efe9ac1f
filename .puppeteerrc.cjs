// @memlab/core depends on puppeteer; backrefs never drives a browser, so never download one.
module.exports = { skipDownload: true };
