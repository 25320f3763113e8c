package dev.signals.application.port.in;

/** Admin: create an account with a fresh API key and secret. */
public interface CreateAccountUseCase {

    /** @throws dev.signals.application.port.InvalidCommandException also when the institution already has an account */
    NewAccount create(CreateAccountCommand command);
}
