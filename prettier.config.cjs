/** @type {import('prettier').Config} */

// OCA's settings for 18.0 (oca-addons-repo-template). The plugin is resolved
// through NODE_PATH, which pre-commit sets to its node environment.
const config = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
