import { ClerkProvider } from "@clerk/nextjs";
import type { ReactNode } from "react";
import { Header } from "@/components/header";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider afterSignInUrl="/dashboard">
      <html lang="en">
        <body>
          <Header />
          {children}
        </body>
      </html>
    </ClerkProvider>
  );
}
