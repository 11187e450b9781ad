// Tooling written as .cts imports its own files as `./x.cjs` (TypeScript's spelling for a .cts
// file); anything that really is a .cjs file still resolves as itself.
module.exports = (request, options) => {
	try {
		return options.defaultResolver(request, options);
	} catch (error) {
		if (!/^\.{1,2}\/.*\.cjs$/.test(request)) throw error;
		return options.defaultResolver(request.replace(/\.cjs$/, '.cts'), options);
	}
};
