// n8n finds the node and the credential through the "n8n" section of package.json, not through
// a main module: this file exports nothing and is not published (package.json has no "main").
module.exports = {};
