// Placeholder: replaced by the ML runtime work.
