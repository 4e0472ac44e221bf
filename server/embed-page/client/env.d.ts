// Stylesheets are bundled by esbuild (server/embed-page/bundle.ts).
declare module '*.css';
