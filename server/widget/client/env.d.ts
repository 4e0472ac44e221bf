// Stylesheets are bundled by esbuild (server/widget/bundle.ts).
declare module '*.css';
