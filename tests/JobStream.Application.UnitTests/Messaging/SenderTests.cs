using FluentValidation;
using JobStream.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobStream.Application.UnitTests.Messaging;

public sealed class SenderTests
{
    [Test]
    public void Validation_rejects_a_request_when_the_stream_is_created_before_it_is_read()
    {
        var handler = new CountingHandler();
        var sender = CreateSender(handler, new RejectingValidator());

        // Throwing here, not on the first MoveNextAsync, is what lets the API answer 400 before any byte.
        var ex = Assert.Throws<ValidationException>(() => sender.CreateStream(new Ping(3)));

        Assert.That(ex!.Errors.Single().PropertyName, Is.EqualTo("count"));
        Assert.That(handler.Calls, Is.Zero);
    }

    [Test]
    public async Task A_valid_request_streams_its_handlers_items_through_the_pipeline()
    {
        var handler = new CountingHandler();
        var sender = CreateSender(handler);

        var items = await sender.CreateStream(new Ping(3)).ToListAsync();

        Assert.That(items, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(handler.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Behaviors_wrap_the_handler_in_registration_order()
    {
        var order = new List<string>();
        var services = new ServiceCollection()
            .AddSingleton<IStreamRequestHandler<Ping, int>>(new CountingHandler())
            .AddSingleton<IStreamPipelineBehavior<Ping, int>>(new RecordingBehavior("outer", order))
            .AddSingleton<IStreamPipelineBehavior<Ping, int>>(new RecordingBehavior("inner", order))
            .BuildServiceProvider();

        await new Sender(services).CreateStream(new Ping(1)).ToListAsync();

        Assert.That(order, Is.EqualTo(new[] { "outer", "inner" }));
    }

    private static Sender CreateSender(CountingHandler handler, params IValidator<Ping>[] validators)
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton<IStreamRequestHandler<Ping, int>>(handler)
            .AddTransient(typeof(IStreamPipelineBehavior<,>), typeof(LoggingBehavior<,>))
            .AddTransient(typeof(IStreamPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        foreach (var validator in validators)
        {
            services.AddSingleton(validator);
        }
        return new Sender(services.BuildServiceProvider());
    }

    public sealed record Ping(int Count) : IStreamRequest<int>;

    private sealed class CountingHandler : IStreamRequestHandler<Ping, int>
    {
        public int Calls { get; private set; }

        public async IAsyncEnumerable<int> Handle(Ping request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Calls++;
            for (var i = 0; i < request.Count; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }
    }

    private sealed class RejectingValidator : AbstractValidator<Ping>
    {
        public RejectingValidator() => RuleFor(p => p.Count).LessThan(0).OverridePropertyName("count");
    }

    private sealed class RecordingBehavior(string name, List<string> order) : IStreamPipelineBehavior<Ping, int>
    {
        public IAsyncEnumerable<int> Handle(Ping request, StreamHandlerDelegate<int> next, CancellationToken cancellationToken)
        {
            order.Add(name);
            return next();
        }
    }
}
