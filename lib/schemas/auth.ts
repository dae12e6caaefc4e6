import { z } from "./zod";

export const loginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email").max(255).email("Enter a valid email"),
  password: z.string().min(1, "Enter your password").max(1024),
});
