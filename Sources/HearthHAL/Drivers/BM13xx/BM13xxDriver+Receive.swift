import HearthCore
import HearthWork

extension BM13xxDriver {
    /// One turn of the receiving loop: step a frequency ramp when due, read what the
    /// chips sent within `timeout`, hand shares to the nonce handler, and watch for
    /// silence. Returns the number of replies handled. Never throws: bus failures and
    /// bad bytes are counted, and a silent chain shows as `fault`.
    @discardableResult
    public func receive(timeout: Seconds) -> Int {
        try? stepRamp()
        let replies: [BM13xxReply]? = readLock.withLock { _ in
            let bytes: [UInt8]
            do { bytes = try port.read(maxCount: 512, timeout: timeout) } catch { bytes = [] }
            guard !bytes.isEmpty else {
                if decoder.pendingBytes > 0 {   // a short frame: the rest is not coming
                    decoder.dropPartial()
                    copyDecoderCounts()
                }
                return nil
            }
            defer { copyDecoderCounts() }
            return decoder.feed(bytes)
        }
        let t = now()
        guard let replies, !replies.isEmpty else {
            watchSilence(at: t)
            return 0
        }
        state.withLock { s in
            s.lastReplyAt = t
            s.silentSince = nil
        }
        for reply in replies {
            switch reply {
            case .nonce(let n): handle(n)
            case .register: state.withLock { $0.stats.registerReplies += 1 }
            }
        }
        return replies.count
    }

    /// While hashing, a quiet chain is asked for a register every `heartbeat`; past
    /// `silenceLimit` without any reply it is a fault.
    func watchSilence(at t: Seconds) {
        let ask: Bool = state.withLock { s in
            guard s.hashing, s.broughtUp else { return false }
            s.stats.timeouts += 1
            let quiet = t - s.lastReplyAt
            if quiet > configuration.silenceLimit, s.silentSince == nil { s.silentSince = s.lastReplyAt }
            guard quiet > configuration.heartbeat, t - s.lastHeartbeatAt > configuration.heartbeat else { return false }
            s.lastHeartbeatAt = t
            return true
        }
        if ask { try? write(BM13xxFrame.readRegister(BM13xxRegister.chipID, all: true)) }
    }

    /// Maps a nonce back to its work and version and checks it with our own SHA-256d:
    /// only shares reach the engine; the rest are counted.
    func handle(_ n: BM13xxNonceReply) {
        let id = Int(configuration.model.jobID(fromReplyByte: n.jobByte))
        let job: IssuedJob? = state.withLock { s in
            s.stats.nonces += 1
            // Each chip owns an equal slice of the address bits (addresses i·256/n).
            let chips = max(1, s.chain?.chips.count ?? 1)
            s.stats.noncesPerChip[Int(n.chipAddress) / (256 / chips), default: 0] += 1
            let j = id < s.jobs.count ? s.jobs[id] : nil
            if j == nil { s.stats.unknownJob += 1 }
            return j
        }
        guard let job else { return }
        let work = job.work
        let version = n.version(base: work.baseVersion, mask: work.versionMask)
        let verdict: Verdict
        do {
            let hash = try work.hash(nonce: n.nonce, version: version)
            verdict = hash.meets(job.shareTarget) ? .share : hash.meets(job.ticketTarget) ? .ticket : .wrong
        } catch {
            verdict = .wrong
        }
        switch verdict {
        case .share:
            state.withLock { $0.stats.shares += 1 }
            handler.withLock { $0 }?(NonceResult(workID: work.id, nonce: n.nonce, version: version))
        case .ticket: break
        case .wrong: state.withLock { $0.stats.hardwareErrors += 1 }
        }
    }

    enum Verdict { case share, ticket, wrong }
}
