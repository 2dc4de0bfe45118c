import NIOCore

/// The firmware's single API thread: connections wait their turn here and are served
/// one at a time in arrival order. Touched only on the emulator's one event loop.
final class AvalonServingQueue: @unchecked Sendable {
    typealias Job = (_ done: @escaping () -> Void) -> Void

    private let loop: any EventLoop
    private var busy = false
    private var waiting: [Job] = []
    /// Bumped by `clear()`, so a job from before it cannot free the thread twice.
    private var generation = 0

    init(loop: any EventLoop) { self.loop = loop }

    /// Runs `job` once every job before it has called its `done`.
    func enqueue(_ job: @escaping Job) {
        loop.preconditionInEventLoop()
        if busy {
            waiting.append(job)
        } else {
            busy = true
            start(job)
        }
    }

    /// Forgets every waiting job (the unit went down and dropped its connections).
    func clear() {
        loop.preconditionInEventLoop()
        waiting.removeAll()
        busy = false
        generation += 1
    }

    private func start(_ job: Job) {
        let mine = generation
        var finished = false
        job { [self] in
            loop.preconditionInEventLoop()
            guard !finished, mine == generation else { return }
            finished = true
            next()
        }
    }

    private func next() {
        if waiting.isEmpty {
            busy = false
        } else {
            start(waiting.removeFirst())
        }
    }
}
