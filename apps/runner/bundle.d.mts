/** Bundles `entryPoint` and the workspace packages it imports into `directory` (`main.js`). */
export declare const bundleTypeScript: (entryPoint: string, directory: string) => Promise<void>;
/** The runner's bundle (`dist/main.js`), built again first when a source is newer. */
export declare const runnerBundle: () => Promise<string>;
