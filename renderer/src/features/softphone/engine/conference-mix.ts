/**
 * A three-way conference mixed on the agent's machine with Web Audio: each call is sent the
 * agent's microphone plus the other call's audio; the agent hears both calls as usual. The PBX
 * needs no conference bridge. Muting acts on the microphone only, so the two parties still hear
 * each other while the agent is muted.
 */
export interface ConferenceLeg {
  sender: RTCRtpSender;
  remoteStream: MediaStream;
}

export class ConferenceMix {
  private constructor(
    private readonly context: AudioContext,
    private readonly microphone: MediaStream,
    private readonly micGain: GainNode,
    private readonly legs: ReadonlyArray<{ sender: RTCRtpSender; original: MediaStreamTrack | null }>,
  ) {}

  static async start(legs: readonly [ConferenceLeg, ConferenceLeg], micConstraints: MediaStreamConstraints, muted: boolean): Promise<ConferenceMix> {
    const context = new AudioContext();
    const microphone = await navigator.mediaDevices.getUserMedia(micConstraints);
    try {
      await context.resume();
      const micGain = context.createGain();
      micGain.gain.value = muted ? 0 : 1;
      context.createMediaStreamSource(microphone).connect(micGain);
      const destinations = legs.map(() => context.createMediaStreamDestination());
      legs.forEach((leg, index) => {
        micGain.connect(destinations[index]!);
        // The remote stream also plays in an <audio> element: Chromium only feeds Web Audio then.
        context.createMediaStreamSource(legs[1 - index]!.remoteStream).connect(destinations[index]!);
      });
      const mixed: Array<{ sender: RTCRtpSender; original: MediaStreamTrack | null }> = [];
      for (const [index, leg] of legs.entries()) {
        const track = destinations[index]!.stream.getAudioTracks()[0];
        if (!track) throw new Error('the conference mix produced no audio track');
        mixed.push({ sender: leg.sender, original: leg.sender.track });
        await leg.sender.replaceTrack(track);
      }
      return new ConferenceMix(context, microphone, micGain, mixed);
    } catch (error) {
      microphone.getTracks().forEach((track) => track.stop());
      void context.close();
      throw error;
    }
  }

  setMuted(muted: boolean): void {
    this.micGain.gain.value = muted ? 0 : 1;
  }

  /** Puts each call's own microphone track back and releases the mix. */
  async stop(): Promise<void> {
    for (const leg of this.legs) {
      if (leg.original && leg.original.readyState === 'live') await leg.sender.replaceTrack(leg.original).catch(() => undefined);
    }
    this.microphone.getTracks().forEach((track) => track.stop());
    await this.context.close().catch(() => undefined);
  }
}
