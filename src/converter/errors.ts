/** The one error type the converter throws on bad input: its message is meant for the user as is. */
export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}
