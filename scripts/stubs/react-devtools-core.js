// Stand-in for react-devtools-core, which ink imports but only uses in development builds.
export default { initialize() {}, connectToDevTools() {} };
