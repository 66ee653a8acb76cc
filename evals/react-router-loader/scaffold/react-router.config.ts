// typed as `Config` from "@react-router/dev/config" in the full project
export default {
  ssr: true,
  future: { v8_middleware: true },
};
