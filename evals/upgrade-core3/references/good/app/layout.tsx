import { ClerkProvider } from "@clerk/nextjs";
import type { ReactNode } from "react";
import { Header } from "@/components/header";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ClerkProvider signInFallbackRedirectUrl="/dashboard" afterSignOutUrl="/">
          <Header />
          {children}
        </ClerkProvider>
      </body>
    </html>
  );
}
