// n8n finds the node and credential through the "n8n" section of package.json; nothing is
// exported here.
module.exports = {};
