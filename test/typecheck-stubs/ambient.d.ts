// Ambient declarations for documentation examples.
declare module "*.css";
