// Module resolution for dependency-cruiser only: the "@/" alias of tsconfig.json (see .dependency-cruiser.cjs).
module.exports = { resolve: { alias: { "@": __dirname } } };
