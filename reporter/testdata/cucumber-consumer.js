// Feeds a folder holding cucumber.json to multiple-cucumber-html-reporter
// (a real third-party consumer of the legacy Cucumber JSON) and prints, as
// JSON, what its rendered index.html shows in the "Features overview"
// table: one object per feature row, keyed by the column headers.
//
// usage: node cucumber-consumer.js NODE_MODULES JSON_DIR REPORT_DIR
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, jsonDir, reportDir] = process.argv.slice(2);
const reporter = require(path.join(modules, 'multiple-cucumber-html-reporter'));
reporter.generate({ jsonDir, reportPath: reportDir, disableLog: true, reportName: 'kumite' });

const html = fs.readFileSync(path.join(reportDir, 'index.html'), 'utf8');
const text = (s) => s.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
const start = html.indexOf('Features overview');
if (start < 0) throw new Error('no "Features overview" in the rendered index.html');
const table = html.slice(start, html.indexOf('</table>', start));
const headers = [...table.slice(0, table.indexOf('</thead>')).matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1]));
const body = table.slice(table.indexOf('<tbody>'));
const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
  const cells = [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]);
  const row = {};
  headers.forEach((h, i) => { if (h) row[h] = i === 0 ? text(cells[i].replace(/<i[\s\S]*?<\/i>/g, '')) : text(cells[i] || ''); });
  return row;
});
process.stdout.write(JSON.stringify({ headers, rows }) + '\n');
